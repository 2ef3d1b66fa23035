-- The login throttle decides and records in one step: each attempt locks this single row
-- (SELECT ... FOR UPDATE), counts the recent attempts of its user name and address in
-- login_failures, and inserts its own before the lock is released. Concurrent attempts on any
-- web node therefore take turns, and a parallel burst checks at most the allowed number of
-- passwords. An attempt is stored as a failure before its password is checked; a success
-- deletes it again.
CREATE TABLE login_throttle_lock (
    id INT PRIMARY KEY
);
INSERT INTO login_throttle_lock (id) VALUES (1);
