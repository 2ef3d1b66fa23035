package kadai.tasks.unet;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import kadai.tasks.data.CanvasPictures;

/** Write test canvases beside their true and predicted masks (class colours of {@link CanvasPictures}). */
final class MaskPictures {

    private static final int SCALE = 3;
    private static final int GAP = 6;

    private MaskPictures() {}

    /** Write {@code count} rows of (canvas, true mask, predicted mask). */
    static void write(SegmentationSet test, byte[] predicted, int count, Path file) throws IOException {
        int n = Math.min(count, test.size());
        int side = test.side();
        int panel = side * SCALE;
        BufferedImage image =
                new BufferedImage(3 * panel + 4 * GAP, n * (panel + GAP) + GAP, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, 0xffffff);
            }
        }
        int p = test.canvasSize();
        for (int i = 0; i < n; i++) {
            int y0 = GAP + i * (panel + GAP);
            for (int y = 0; y < panel; y++) {
                for (int x = 0; x < panel; x++) {
                    int at = i * p + (y / SCALE) * side + x / SCALE;
                    int g = test.pixels()[at] & 0xff;
                    image.setRGB(GAP + x, y0 + y, (g << 16) | (g << 8) | g);
                    image.setRGB(2 * GAP + panel + x, y0 + y, CanvasPictures.rgb(test.masks()[at]));
                    image.setRGB(3 * GAP + 2 * panel + x, y0 + y, CanvasPictures.rgb(predicted[at]));
                }
            }
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available to write " + file);
        }
    }
}
