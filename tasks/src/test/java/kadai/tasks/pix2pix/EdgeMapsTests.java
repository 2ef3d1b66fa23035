package kadai.tasks.pix2pix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EdgeMapsTests {

    @Test
    void aBlackImageHasNoEdges() {
        assertThat(EdgeMaps.of(new float[25], 1, 5, 5)).containsOnly(0f);
    }

    @Test
    void aVerticalStepIsAnEdgeOnBothSidesOfIt() {
        // Columns 0-2 black, 3-5 white: |gx| = 4 on columns 2 and 3, 0 elsewhere inside; the zero
        // padding makes the white image's right border an edge too.
        int h = 4;
        int w = 6;
        float[] image = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 3; x < w; x++) {
                image[y * w + x] = 1;
            }
        }
        float[] edges = EdgeMaps.of(image, 1, h, w);
        for (int y = 1; y < h - 1; y++) {
            assertThat(new float[] {
                        edges[y * w],
                        edges[y * w + 1],
                        edges[y * w + 2],
                        edges[y * w + 3],
                        edges[y * w + 4],
                        edges[y * w + 5]
                    })
                    .as("row %d", y)
                    .containsExactly(0, 0, 1, 1, 0, 1);
        }
    }

    @Test
    void aWeakGradientStaysBelowTheThreshold() {
        // A ramp of 0.1 per column: |gx| = 0.8 < 1.0 inside.
        float[] image = new float[5 * 5];
        for (int i = 0; i < image.length; i++) {
            image[i] = (i % 5) * 0.1f;
        }
        float[] edges = EdgeMaps.of(image, 1, 5, 5);
        assertThat(edges[2 * 5 + 2]).isZero();
        assertThat(EdgeMaps.of(image, 1, 5, 5)).hasSize(25);
    }

    @Test
    void imagesAreIndependent() {
        float[] two = new float[2 * 9];
        two[9 + 4] = 1; // a dot in the middle of the second image
        float[] edges = EdgeMaps.of(two, 2, 3, 3);
        for (int i = 0; i < 9; i++) {
            assertThat(edges[i]).as("first image").isZero();
        }
        assertThat(edges[9 + 1]).as("above the dot: |gy| = 2").isEqualTo(1);
        assertThat(edges[9 + 4]).as("on the dot itself both sums cancel").isZero();
    }
}
