package kadai.grader.suites.augment;

/** Mirror the accessors of the provided record {@code RandomAugmentation.Draw}, for {@code StudentCode.view}. */
public interface DrawApi {

    boolean flipHorizontal();

    boolean flipVertical();

    double factor();

    double degrees();

    double shearX();

    int shiftY();

    int shiftX();

    double delta();

    int cutoutTop();

    int cutoutLeft();

    int cutoutSize();
}
