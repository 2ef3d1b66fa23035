package kadai.tasks.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FrechetDistanceTests {

    private static double[][] gaussian(int n, double[] mean, double[] std, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[n][mean.length];
        for (double[] row : x) {
            for (int j = 0; j < mean.length; j++) {
                row[j] = mean[j] + std[j] * random.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void distanceOfASetToItselfIsZero() {
        double[][] x = gaussian(500, new double[] {1, 2, 3}, new double[] {1, 2, 0.5}, 1);
        assertThat(FrechetDistance.between(x, x)).isCloseTo(0, offset(1e-8));
    }

    @Test
    void independentAxesGiveTheClosedForm() {
        // For diagonal covariances: sum (mu1 - mu2)^2 + (s1 - s2)^2 per axis.
        double[][] a = gaussian(20_000, new double[] {0, 0}, new double[] {1, 1}, 2);
        double[][] b = gaussian(20_000, new double[] {3, 0}, new double[] {1, 2}, 3);
        assertThat(FrechetDistance.between(a, b)).isCloseTo(9 + 1, offset(0.3));
    }

    @Test
    void eigenvaluesOfASymmetricMatrixAreFoundByJacobi() {
        double[][] m = {{2, 1, 0}, {1, 2, 0}, {0, 0, 5}};
        double[] values = FrechetDistance.eigen(m, null);
        java.util.Arrays.sort(values);
        assertThat(values).containsExactly(new double[] {1, 3, 5}, offset(1e-12));
    }
}
