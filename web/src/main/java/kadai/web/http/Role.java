package kadai.web.http;

/** Say what a user may do in the course. */
public enum Role {
    STUDENT,
    TA,
    INSTRUCTOR;

    /** Tell whether this role sees every student's work (gradebook, inspector, statistics). */
    public boolean isStaff() {
        return this != STUDENT;
    }

    /** Parse a roster or form value ({@code student}, {@code ta}, {@code instructor}). */
    public static Role parse(String value) {
        for (Role role : values()) {
            if (role.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + value + "'; use student, ta or instructor");
    }
}
