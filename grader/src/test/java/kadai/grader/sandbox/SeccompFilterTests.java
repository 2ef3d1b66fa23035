package kadai.grader.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class SeccompFilterTests {

    private static final int ALLOW = 0x7fff0000;
    private static final int EPERM = 0x00050001;
    private static final int KILL = 0x80000000;
    private static final int X86_64 = 0xC000003E;

    /** Run the filter the way the kernel does, on the four instructions it uses. */
    private static int run(int arch, int nr) {
        ByteBuffer p = ByteBuffer.wrap(SeccompFilter.program()).order(ByteOrder.LITTLE_ENDIAN);
        int pc = 0;
        int acc = 0;
        for (int steps = 0; steps < 1000; steps++) {
            int at = pc * 8;
            short code = p.getShort(at);
            int jt = p.get(at + 2) & 0xff;
            int jf = p.get(at + 3) & 0xff;
            int k = p.getInt(at + 4);
            switch (code) {
                case 0x20 -> {
                    acc = k == 0 ? nr : k == 4 ? arch : fail("load of offset " + k);
                    pc++;
                }
                case 0x15 -> pc += 1 + (acc == k ? jt : jf);
                case 0x35 -> pc += 1 + (Integer.compareUnsigned(acc, k) >= 0 ? jt : jf);
                case 0x06 -> {
                    return k;
                }
                default -> fail("opcode " + code);
            }
        }
        return fail("no return");
    }

    private static int fail(String what) {
        throw new AssertionError("bad seccomp program: " + what);
    }

    @Test
    void deniedCallsFailWithEpermAndTheRestAreAllowed() {
        for (int nr : SeccompFilter.DENIED) {
            assertThat(run(X86_64, nr)).as("syscall %d", nr).isEqualTo(EPERM);
        }
        for (int nr : new int[] {0, 1, 9, 56, 57, 59, 60, 202, 231, 435
        }) { // read write mmap clone fork execve exit futex exit_group clone3
            assertThat(run(X86_64, nr)).as("syscall %d", nr).isEqualTo(ALLOW);
        }
    }

    @Test
    void otherAbisAreKilled() {
        assertThat(run(0x40000003, 1)).as("i386").isEqualTo(KILL);
        assertThat(run(X86_64, 0x40000000 | 101)).as("x32 ptrace").isEqualTo(KILL);
    }
}
