package kadai.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hold what a task run produced: the headline numbers, curves and written images.
 *
 * <p>{@code accuracy} is the test accuracy in 0..1, computed on the trusted side from the
 * predictions; null for a task without one ({@code dcgan}).
 */
public final class TaskResult {

    private final String task;
    private final String device;
    private final String submission;
    private String sandbox = "in-process";
    private Double accuracy;
    private double seconds;
    private final Map<String, Object> metrics = new LinkedHashMap<>();
    private final Map<String, List<Double>> curves = new LinkedHashMap<>();
    private final Map<String, String> images = new LinkedHashMap<>();

    public TaskResult(String task, String device, String submission) {
        this.task = task;
        this.device = device;
        this.submission = submission;
    }

    public String task() {
        return task;
    }

    public String device() {
        return device;
    }

    public String submission() {
        return submission;
    }

    /**
     * Return how the submission's code ran: {@code full} or {@code degraded} (the sandboxed runner at
     * that level) or {@code in-process} (with the reason where the task cannot be sandboxed).
     */
    public String sandbox() {
        return sandbox;
    }

    public void setSandbox(String sandbox) {
        this.sandbox = sandbox;
    }

    /** Set {@link #sandbox()} from the {@code StudentCode} the submission ran through. */
    public void setSandboxOf(kadai.grader.api.StudentCode code) {
        String d = code.description();
        this.sandbox = d != null && d.startsWith("sandbox:") ? d.substring("sandbox:".length()) : "in-process";
    }

    public Double accuracy() {
        return accuracy;
    }

    public void setAccuracy(double accuracy) {
        this.accuracy = accuracy;
    }

    public double seconds() {
        return seconds;
    }

    public void setSeconds(double seconds) {
        this.seconds = seconds;
    }

    /** Return named scalar results (parameter counts, images/s, Fréchet distances, ...). */
    public Map<String, Object> metrics() {
        return metrics;
    }

    /** Return named curves, one value per step or epoch ({@code train_loss}, {@code val_accuracy}, ...). */
    public Map<String, List<Double>> curves() {
        return curves;
    }

    /** Append {@code value} to curve {@code name}. */
    public void addPoint(String name, double value) {
        curves.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    /** Return the images written, by name, as file paths. */
    public Map<String, String> images() {
        return images;
    }

    /** Return everything as plain maps and lists, for JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("task", task);
        map.put("device", device);
        map.put("submission", submission);
        map.put("sandbox", sandbox);
        map.put("accuracy", accuracy);
        map.put("seconds", seconds);
        map.put("metrics", metrics);
        map.put("curves", curves);
        map.put("images", images);
        return map;
    }
}
