package kadai.tasks.data;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Sample mini-batches of indices from a seeded random order (or in order).
 *
 * <p>DJL's own random sampler draws from a process-wide generator; this one owns its
 * {@link Random}, so a run with the same seed sees the same batches in every epoch, whatever
 * else the process does. Each call of {@link #sample} starts a new epoch.
 */
public final class SeededBatchSampler implements Sampler {

    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final Random random;

    public SeededBatchSampler(int batchSize, boolean shuffle, boolean dropLast, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.dropLast = dropLast;
        this.random = new Random(seed);
    }

    @Override
    public Iterator<List<Long>> sample(RandomAccessDataset dataset) {
        int n = Math.toIntExact(dataset.size());
        int[] order = shuffle ? ImageSet.permutation(n, random) : identity(n);
        List<List<Long>> batches = new ArrayList<>();
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            if (dropLast && end - start < batchSize) {
                break;
            }
            List<Long> batch = new ArrayList<>(end - start);
            for (int i = start; i < end; i++) {
                batch.add((long) order[i]);
            }
            batches.add(batch);
        }
        return batches.iterator();
    }

    @Override
    public int getBatchSize() {
        return batchSize;
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }
}
