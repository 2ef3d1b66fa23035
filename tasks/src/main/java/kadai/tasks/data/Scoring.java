package kadai.tasks.data;

/** Score predictions against labels on the trusted side. */
public final class Scoring {

    private Scoring() {}

    /** Return the fraction of {@code predictions} equal to {@code labels}. */
    public static double accuracy(int[] predictions, int[] labels) {
        if (predictions.length != labels.length) {
            throw new IllegalArgumentException(predictions.length + " predictions for " + labels.length + " labels");
        }
        if (labels.length == 0) {
            return Double.NaN;
        }
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predictions[i] == labels[i]) {
                correct++;
            }
        }
        return (double) correct / labels.length;
    }
}
