package kadai.web.submission;

/** Carry one uploaded file: the name the client gave and its bytes. */
public record Upload(String filename, byte[] content) {}
