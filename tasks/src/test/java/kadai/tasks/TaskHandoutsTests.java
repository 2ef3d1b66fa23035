package kadai.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import kadai.tasks.autoencoder.AutoencoderNetwork;
import kadai.tasks.autoencoder.AutoencoderTask;
import kadai.tasks.data.CanvasSet;
import kadai.tasks.data.Canvases;
import kadai.tasks.data.FashionMnist;
import kadai.tasks.unet.Segmentation;
import kadai.tasks.unet.SegmentationSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The numbers the task handouts quote are the tasks' own constants and measurements. */
class TaskHandoutsTests {

    static String handout(String task, String language) throws IOException {
        return Files.readString(Path.of("../assignments/handouts/tasks/" + task + "." + language + ".md"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "ja"})
    void theUNetHandoutDescribesTheCanvasesAndTheNetworksTheTaskUses(String language) throws IOException {
        String text = handout("unet", language);
        Canvases.Config c = Canvases.Config.STANDARD;
        assertThat(text)
                .contains(c.side() + " × " + c.side())
                .contains(String.valueOf(c.minScale()))
                .contains(String.valueOf(c.maxScale()))
                .contains(String.valueOf(c.threshold()))
                .contains(String.valueOf(c.maxItems()))
                .contains("UNets.unet(1, 11, 16, 4)")
                .contains("2,000");
    }

    @Test
    void theBackgroundOnlyMiouTheUNetHandoutQuotesIsMeasured() throws IOException {
        CanvasSet test = Canvases.test(FashionMnist.locate(), 1_000, 3); // the default test canvases of seed 1
        SegmentationSet set = SegmentationSet.of(test);
        double miou = Segmentation.score(new byte[set.masks().length], set.masks(), Canvases.CLASSES.size())
                .meanIou();
        String quoted = String.format(Locale.ROOT, "%.2f", miou);
        assertThat(handout("unet", "en")).contains("mIoU is about " + quoted);
        assertThat(handout("unet", "ja")).contains("mIoU は約 " + quoted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "ja"})
    void theAutoencoderHandoutNamesTheHeldOutClassAndTheCode(String language) throws IOException {
        String text = handout("autoencoder", language);
        int code = AutoencoderNetwork.CODE_CHANNELS * 7 * 7;
        assertThat(text)
                .contains(FashionMnist.CLASSES.get(AutoencoderTask.HELD_OUT_CLASS))
                .contains(AutoencoderNetwork.CODE_CHANNELS + " × 7 × 7 = " + code)
                .contains("2,000");
    }
}
