package io.robustlab.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import java.util.ArrayList;
import java.util.List;

/** One zero-initialised state array per parameter, named {@code <kind>.<index>}, with exact copy in and out. */
final class OptimizerBuffers {

    private final String kind;
    private final List<NDArray> arrays = new ArrayList<>();

    OptimizerBuffers(String kind, List<NDArray> parameters, NDManager manager) {
        this.kind = kind;
        for (NDArray parameter : parameters) {
            NDArray buffer = manager.zeros(parameter.getShape(), parameter.getDataType());
            arrays.add(buffer);
        }
    }

    NDArray get(int index) {
        return arrays.get(index);
    }

    void copyTo(NDList snapshot, NDManager manager) {
        for (int i = 0; i < arrays.size(); i++) {
            NDArray copy = manager.create(arrays.get(i).getShape(), arrays.get(i).getDataType());
            copy.set(arrays.get(i).toByteBuffer());
            copy.setName(kind + "." + i);
            snapshot.add(copy);
        }
    }

    void copyFrom(NDList snapshot) {
        for (int i = 0; i < arrays.size(); i++) {
            NDArray saved = snapshot.get(kind + "." + i);
            if (saved == null || !saved.getShape().equals(arrays.get(i).getShape())) {
                throw new IllegalArgumentException("checkpoint has no matching optimizer array " + kind + "." + i);
            }
            arrays.get(i).set(saved.toByteBuffer());
        }
    }
}
