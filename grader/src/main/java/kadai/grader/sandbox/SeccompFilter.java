package kadai.grader.sandbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Build the seccomp filter bubblewrap installs in the runner: a classic BPF program (x86-64)
 * that makes a deny list of system calls fail with EPERM and kills a process that uses another
 * ABI (32-bit or x32 calls could bypass the list).
 *
 * <p>The list holds what a JVM running numeric student code never needs but kernel exploits
 * and escapes like: tracing other processes, namespaces and mounts, kernel modules and
 * keyrings, BPF, perf, userfaultfd, io_uring, and reading other processes' memory.
 */
final class SeccompFilter {

    /** x86-64 system call numbers that fail with EPERM inside the runner. */
    static final List<Integer> DENIED = List.of(
            101, // ptrace
            103, // syslog
            135, // personality
            155, // pivot_root
            161, // chroot
            163, // acct
            165, // mount
            166, // umount2
            167, // swapon
            168, // swapoff
            169, // reboot
            170, // sethostname
            171, // setdomainname
            172, // iopl
            173, // ioperm
            175, // init_module
            176, // delete_module
            179, // quotactl
            246, // kexec_load
            248, // add_key
            249, // request_key
            250, // keyctl
            272, // unshare
            278, // vmsplice
            298, // perf_event_open
            300, // fanotify_init
            303, // name_to_handle_at
            304, // open_by_handle_at
            308, // setns
            310, // process_vm_readv
            311, // process_vm_writev
            313, // finit_module
            320, // kexec_file_load
            321, // bpf
            323, // userfaultfd
            425, // io_uring_setup
            426, // io_uring_enter
            427, // io_uring_register
            428, // open_tree
            429, // move_mount
            430, // fsopen
            431, // fsconfig
            432, // fsmount
            433 // fspick
            );

    private static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    private static final int X32_SYSCALL_BIT = 0x40000000;
    private static final int RET_KILL_PROCESS = 0x80000000;
    private static final int RET_ERRNO_EPERM = 0x00050000 | 1;
    private static final int RET_ALLOW = 0x7fff0000;

    private static final short LD_W_ABS = 0x20;
    private static final short JEQ_K = 0x15;
    private static final short JGE_K = 0x35;
    private static final short RET_K = 0x06;

    private SeccompFilter() {}

    /** Tell whether the filter fits this machine (x86-64 Linux). */
    static boolean supported() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) || "x86_64".equals(arch);
    }

    /** Return the program as bubblewrap reads it from {@code --seccomp FD}: struct sock_filter[]. */
    static byte[] program() {
        int n = DENIED.size();
        // 0 load arch; 1 arch == x86-64 ? skip : fall to kill; 2 kill; 3 load nr; 4 nr >= x32 bit ? kill;
        // 5 .. 5+n-1 nr == denied ? deny; 5+n allow; 6+n deny; 7+n kill
        int allow = 5 + n;
        int deny = allow + 1;
        int kill = deny + 1;
        ByteBuffer b = ByteBuffer.allocate((kill + 1) * 8).order(ByteOrder.LITTLE_ENDIAN);
        insn(b, LD_W_ABS, 0, 0, 4);
        insn(b, JEQ_K, 1, 0, AUDIT_ARCH_X86_64);
        insn(b, RET_K, 0, 0, RET_KILL_PROCESS);
        insn(b, LD_W_ABS, 0, 0, 0);
        insn(b, JGE_K, kill - 5, 0, X32_SYSCALL_BIT);
        for (int i = 0; i < n; i++) {
            int at = 5 + i;
            insn(b, JEQ_K, deny - at - 1, 0, DENIED.get(i));
        }
        insn(b, RET_K, 0, 0, RET_ALLOW);
        insn(b, RET_K, 0, 0, RET_ERRNO_EPERM);
        insn(b, RET_K, 0, 0, RET_KILL_PROCESS);
        return b.array();
    }

    private static void insn(ByteBuffer b, short code, int jt, int jf, int k) {
        if (jt > 255 || jf > 255) {
            throw new IllegalStateException("jump too far in the seccomp program");
        }
        b.putShort(code).put((byte) jt).put((byte) jf).putInt(k);
    }

    /** Write the program into {@code dir} (once) and return its path. */
    static Path write(Path dir) throws IOException {
        Path file = dir.resolve("seccomp-x86_64.bpf");
        byte[] program = program();
        if (!Files.exists(file) || !java.util.Arrays.equals(Files.readAllBytes(file), program)) {
            Path tmp = Files.createTempFile(dir, "seccomp", ".tmp");
            Files.write(tmp, program);
            Files.move(
                    tmp,
                    file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return file;
    }
}
