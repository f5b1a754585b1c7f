package io.robustlab.core.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import io.robustlab.contracts.spec.Norm;
import io.robustlab.core.model.NoGradScope;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

/** The per-norm pieces of the gradient attacks: steps, projections, random starts, the budget check. */
class EpsilonBallTest {

    NoGradScope noGrad;
    NDManager manager;
    NDArray center;

    @BeforeEach
    void open() {
        noGrad = new NoGradScope();
        manager = NDManager.newBaseManager();
        center = manager.full(new Shape(4, 2, 5), 0.5f); // examples of shape (2, 5): norms span all their values
    }

    @AfterEach
    void close() {
        manager.close();
        noGrad.close();
    }

    float[] rowNorms(NDArray batch) {
        return L2Ball.rowNorms(batch).toFloatArray();
    }

    @Test
    void anL2StepHasTheStepSizeAlongTheGradientAndAZeroGradientMakesNone() {
        NDArray gradient = manager.randomNormal(new Shape(4, 2, 5));
        gradient.set(new NDIndex("3"), 0f);
        NDArray expectedDirection = gradient.duplicate();
        NDArray moved = L2Ball.around(center, 1f).ascend(center, gradient, 0.1f);

        float[] steps = rowNorms(moved.sub(center));
        for (int row = 0; row < 3; row++) {
            assertThat(steps[row]).isCloseTo(0.1f, within(1e-6f));
        }
        assertThat(steps[3]).isZero();
        // parallel to the gradient: cosine 1
        NDArray step = moved.sub(center).reshape(4, -1);
        NDArray g = expectedDirection.reshape(4, -1);
        float[] cosines = step.mul(g).sum(new int[] {1}).div(L2Ball.rowNorms(step).mul(L2Ball.rowNorms(g)))
                .toFloatArray();
        for (int row = 0; row < 3; row++) {
            assertThat(cosines[row]).isCloseTo(1f, within(1e-5f));
        }
    }

    @Test
    void anLinfStepMovesEveryValueByTheStepSize() {
        NDArray gradient = manager.randomNormal(new Shape(4, 2, 5));
        NDArray moved = LinfBall.around(center, 1f).ascend(center, gradient.duplicate(), 0.1f);
        assertThat(moved.sub(center).abs().sub(0.1f).abs().max().getFloat()).isLessThan(1e-6f);
        assertThat(moved.sub(center).sign().toFloatArray()).isEqualTo(gradient.sign().toFloatArray());
    }

    @Test
    void theL2ProjectionShrinksLongPerturbationsToEpsilonAndKeepsShortOnes() {
        NDArray direction = manager.randomNormal(new Shape(4, 2, 5));
        NDArray unit = direction.div(L2Ball.rowNorms(direction).reshape(4, 1, 1));
        NDArray lengths = manager.create(new float[] {0.05f, 0.1f, 0.3f, 0.0f}).reshape(4, 1, 1);
        NDArray candidate = center.add(unit.mul(lengths));

        NDArray projected = L2Ball.around(center, 0.1f).project(candidate.duplicate());

        float[] norms = rowNorms(projected.sub(center));
        assertThat(norms[0]).isCloseTo(0.05f, within(1e-6f));
        assertThat(norms[1]).isCloseTo(0.1f, within(1e-6f));
        assertThat(norms[2]).isCloseTo(0.1f, within(1e-6f));
        assertThat(norms[3]).isZero();
    }

    @Test
    void theProjectionsClipToTheBox() {
        NDArray corner = manager.full(new Shape(1, 10), 0.95f);
        NDArray candidate = manager.full(new Shape(1, 10), 1.3f);
        for (Norm norm : Norm.values()) {
            NDArray projected = EpsilonBall.around(corner, norm, 0.5f).project(candidate.duplicate());
            assertThat(projected.max().getFloat()).as(norm.symbol()).isLessThanOrEqualTo(1f);
        }
    }

    @Test
    void l2RandomStartsAreUniformInTheBall() {
        NDArray many = manager.full(new Shape(2000, 20), 0.5f);
        NDArray start = L2Ball.around(many, 0.1f).randomStart(new SplittableRandom(1));
        float[] norms = rowNorms(start.sub(many));
        double mean = 0;
        for (float norm : norms) {
            assertThat(norm).isLessThanOrEqualTo(0.1f + 1e-6f);
            mean += norm / norms.length;
        }
        // uniform in the 20-ball: E‖r‖ = ε·n/(n+1); on the sphere it would be ε, in a Gaussian cloud far less
        assertThat(mean).isCloseTo(0.1 * 20 / 21, within(0.002));
    }

    @Test
    void linfRandomStartsAreUniformInTheCube() {
        NDArray many = manager.full(new Shape(500, 20), 0.5f);
        NDArray offsets = LinfBall.around(many, 0.1f).randomStart(new SplittableRandom(1)).sub(many);
        assertThat(offsets.abs().max().getFloat()).isLessThanOrEqualTo(0.1f + 1e-7f);
        assertThat(offsets.abs().mean().getFloat()).isCloseTo(0.05f, within(0.002f));
    }

    @Test
    void theBudgetCheckRejectsOutputsOutsideTheBallOrTheBox() {
        NDArray outside = center.add(0.2f);
        assertThatThrownBy(() -> EpsilonBall.around(center, Norm.LINF, 0.1f).verify(outside))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("L∞ ball");
        assertThatThrownBy(() -> EpsilonBall.around(center, Norm.L2, 0.5f).verify(outside))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("L2 ball");
        assertThatThrownBy(() -> EpsilonBall.around(center, Norm.LINF, 1f).verify(center.add(0.6f)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("box");
        EpsilonBall.around(center, Norm.L2, 0.2f * (float) Math.sqrt(10) + 1e-6f).verify(outside);
    }
}
