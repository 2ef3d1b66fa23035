package kadai.assignments.conv;

import org.junit.jupiter.api.Test;

import static kadai.assignments.support.Expect.illegalArgument;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Visible tests of {@link ConvOps#outputSize} (assignment conv-op, lecture notes §1.2). */
class OutputSizeTests {

    @Test
    void lectureNotesExamplesGiveTheirSizes() {
        assertEquals(2, ConvOps.outputSize(4, 3, 1, 0), "lecture notes §1.1: 4x4 input, 3x3 filter");
        assertEquals(4, ConvOps.outputSize(4, 3, 1, 1), "lecture notes §1.2: pad 1 keeps the size");
        assertEquals(3, ConvOps.outputSize(7, 3, 2, 0), "lecture notes §1.2: 7x7 input, stride 2");
        assertEquals(2, ConvOps.outputSize(4, 2, 2, 0), "lecture notes §1.5: 2x2 pooling of a 4x4 input");
    }

    @Test
    void windowsThatDoNotTileExactlyRoundDown() {
        assertEquals(2, ConvOps.outputSize(6, 3, 2, 0), "(6 - 3) / 2 + 1 = 2.5 rounds down");
        assertEquals(3, ConvOps.outputSize(7, 2, 3, 1), "(7 + 2 - 2) / 3 + 1 = 3.33 rounds down");
        assertEquals(1, ConvOps.outputSize(5, 5, 3, 0), "a filter as large as the input fits once");
        assertEquals(1, ConvOps.outputSize(1, 3, 1, 1), "pad 1 lets a 3-filter fit on 1 pixel");
        assertEquals(14, ConvOps.outputSize(28, 3, 2, 1), "28x28, 3x3, stride 2, pad 1");
    }

    @Test
    void invalidSizesAreRejected() {
        illegalArgument("outputSize(0, 1, 1, 1): in must be >= 1, even when the padding is large enough",
                () -> ConvOps.outputSize(0, 1, 1, 1));
        illegalArgument("outputSize(4, 0, 1, 0): filter must be >= 1", () -> ConvOps.outputSize(4, 0, 1, 0));
        illegalArgument("outputSize(4, 3, 0, 0): stride must be >= 1", () -> ConvOps.outputSize(4, 3, 0, 0));
        illegalArgument("outputSize(4, 3, -1, 0): stride must be >= 1", () -> ConvOps.outputSize(4, 3, -1, 0));
        illegalArgument("outputSize(5, 3, 1, -1): pad must be >= 0", () -> ConvOps.outputSize(5, 3, 1, -1));
        illegalArgument("outputSize(2, 3, 1, 0): the filter is larger than the input",
                () -> ConvOps.outputSize(2, 3, 1, 0));
        illegalArgument("outputSize(1, 4, 1, 1): the filter is larger than the padded input",
                () -> ConvOps.outputSize(1, 4, 1, 1));
    }
}
