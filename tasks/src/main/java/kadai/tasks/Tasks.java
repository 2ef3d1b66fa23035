package kadai.tasks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kadai.tasks.augment.AugmentTask;
import kadai.tasks.autoencoder.AutoencoderTask;
import kadai.tasks.cgan.CganTask;
import kadai.tasks.cnn.CnnTask;
import kadai.tasks.detect.DetectTask;
import kadai.tasks.gan.DcganTask;
import kadai.tasks.pix2pix.Pix2PixTask;
import kadai.tasks.resnet.ResNetTask;
import kadai.tasks.transfer.TransferTask;
import kadai.tasks.unet.UNetTask;

/** List the end-to-end tasks by id. */
public final class Tasks {

    private final Map<String, Task> byId = new LinkedHashMap<>();

    public Tasks(List<Task> tasks) {
        for (Task task : tasks) {
            byId.put(task.id(), task);
        }
    }

    /** Return the tasks of the platform: cnn, resnet, dcgan, autoencoder, unet, detect, cgan, pix2pix, augment, transfer. */
    public static Tasks all() {
        return new Tasks(List.of(
                new CnnTask(),
                new ResNetTask(),
                new DcganTask(),
                new AutoencoderTask(),
                new UNetTask(),
                new DetectTask(),
                new CganTask(),
                new Pix2PixTask(),
                new AugmentTask(),
                new TransferTask()));
    }

    public Optional<Task> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<Task> list() {
        return List.copyOf(byId.values());
    }
}
