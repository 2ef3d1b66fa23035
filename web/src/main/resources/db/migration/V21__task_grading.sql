-- Points for training runs: per task, how many points a student's best counting run earns and
-- the target. A run earns all the points when its metric reaches full_at, none at zero_at, and
-- a linear share in between (full_at > zero_at: higher is better, e.g. test accuracy;
-- full_at < zero_at: lower is better, e.g. a Fréchet distance).
CREATE TABLE task_grading (
    task_id    VARCHAR(40) PRIMARY KEY,
    points     DOUBLE PRECISION NOT NULL,
    metric     VARCHAR(100) NOT NULL,
    full_at    DOUBLE PRECISION NOT NULL,
    zero_at    DOUBLE PRECISION NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
