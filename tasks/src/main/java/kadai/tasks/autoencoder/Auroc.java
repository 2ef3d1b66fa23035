package kadai.tasks.autoencoder;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Compute the area under the ROC curve of a score that should be higher for positives: the
 * probability that a random positive outscores a random negative, ties counting one half
 * (Mann-Whitney U over the average ranks).
 */
public final class Auroc {

    private Auroc() {}

    /** Return the AUROC of {@code scores} for the labels {@code positive}; NaN without positives or negatives. */
    public static double of(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + positive.length + " labels");
        }
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double[] rank = new double[scores.length];
        for (int i = 0; i < order.length; ) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double average = (i + j) / 2.0 + 1; // ranks start at 1; ties share their average rank
            for (int k = i; k <= j; k++) {
                rank[order[k]] = average;
            }
            i = j + 1;
        }
        long positives = 0;
        double rankSum = 0;
        for (int i = 0; i < scores.length; i++) {
            if (positive[i]) {
                positives++;
                rankSum += rank[i];
            }
        }
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
