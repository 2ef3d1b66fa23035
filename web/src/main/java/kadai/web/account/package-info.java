/**
 * Accounts: users, roles, login and its throttle, passwords, API tokens and rosters (DAO, service,
 * controllers). It imports {@code kadai.web.http}; the wiring, {@code gradebook} and the demo seed
 * use it.
 */
package kadai.web.account;
