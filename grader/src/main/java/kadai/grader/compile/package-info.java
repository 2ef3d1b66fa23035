/**
 * Compile untrusted sources in a separate, killable compiler JVM that is started ahead and
 * reused (a warm javac), so that a source which makes javac run for ever (a "compile bomb")
 * costs one killed process, never a thread left spinning in the grader.
 *
 * <p>{@link kadai.grader.compile.CompilerPool} is the host side: it lends a warm
 * {@link kadai.grader.compile.CompileServer} per compilation, kills it when the compilation
 * overruns its limit and starts a replacement. {@link kadai.grader.compile.CompilerMain} is the
 * program of the compiler process; {@link kadai.grader.compile.CompileProtocol} the frames between
 * them. Rendering diagnostics for students stays with the caller ({@code SourceCompiler}). May
 * import only the JDK ({@code javax.tools} in the compiler process).
 */
package kadai.grader.compile;
