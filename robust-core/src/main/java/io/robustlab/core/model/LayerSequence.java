package io.robustlab.core.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A DJL sequential block built together with the description of each of its layers. */
final class LayerSequence {

    private final SequentialBlock block = new SequentialBlock();
    private final List<String> types = new ArrayList<>();
    private final List<Map<String, Object>> settings = new ArrayList<>();

    LayerSequence add(Block layer, String type, Map<String, Object> layerSettings) {
        block.add(layer);
        types.add(type);
        settings.add(layerSettings);
        return this;
    }

    SequentialBlock block() {
        return block;
    }

    int size() {
        return types.size();
    }

    String type(int index) {
        return types.get(index);
    }

    Map<String, Object> settings(int index) {
        return settings.get(index);
    }
}
