package io.robustlab.worker.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeviceSelectionTest {

    @Test
    void autoTakesTheGpuOnlyWithTheCudaBuildAndAGpu() {
        assertThat(DeviceSelection.choose(DevicePreference.AUTO, true, 2)).isEqualTo("gpu(0)");
        assertThat(DeviceSelection.choose(DevicePreference.AUTO, true, 0)).isEqualTo("cpu");
        assertThat(DeviceSelection.choose(DevicePreference.AUTO, false, 0)).isEqualTo("cpu");
    }

    @Test
    void gpuWithoutOneRefusesToStartSayingWhy() {
        assertThatThrownBy(() -> DeviceSelection.choose(DevicePreference.GPU, false, 0))
                .hasMessageContaining("CPU build");
        assertThatThrownBy(() -> DeviceSelection.choose(DevicePreference.GPU, true, 0))
                .hasMessageContaining("sees no GPU");
        assertThat(DeviceSelection.choose(DevicePreference.GPU, true, 1)).isEqualTo("gpu(0)");
    }

    @Test
    void cpuOnAMachineWhereJobsWouldLandOnAGpuRefusesToStart() {
        assertThat(DeviceSelection.choose(DevicePreference.CPU, false, 0)).isEqualTo("cpu");
        assertThatThrownBy(() -> DeviceSelection.choose(DevicePreference.CPU, true, 1))
                .hasMessageContaining("CUDA_VISIBLE_DEVICES");
    }
}
