package kadai.tasks;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** Choose the device a task trains on: {@code auto} takes a GPU when DJL sees one. */
public enum DeviceChoice {
    AUTO,
    CPU,
    GPU;

    /** Return the DJL device for this choice; {@code GPU} without a GPU is an error. */
    public Device resolve() {
        int gpus = Engine.getInstance().getGpuCount();
        return switch (this) {
            case CPU -> Device.cpu();
            case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
            case GPU -> {
                if (gpus == 0) {
                    throw new IllegalStateException("--device gpu, but DJL's PyTorch engine sees no GPU; a GPU worker"
                            + " needs a CUDA libtorch (PYTORCH_LIBRARY_PATH, PYTORCH_FLAVOR; see docs/tasks.md),"
                            + " or use --device cpu");
                }
                yield Device.gpu();
            }
        };
    }

    /** Name a DJL device the way results show it: {@code cpu} or {@code gpu}. */
    public static String label(Device device) {
        return device.isGpu() ? "gpu" : "cpu";
    }
}
