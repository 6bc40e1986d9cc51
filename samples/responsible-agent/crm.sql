-- The crm database of this sample, for SQLite and PostgreSQL alike: the test cases load it,
-- and `sqlite3 data/crm.sqlite < samples/responsible-agent/crm.sql` (or `psql -f samples/responsible-agent/crm.sql`) makes one to try the sample with.
CREATE TABLE agents (id INTEGER PRIMARY KEY, name TEXT NOT NULL, extension TEXT NOT NULL);
CREATE TABLE customers (phone TEXT PRIMARY KEY, agent_id INTEGER REFERENCES agents(id));
INSERT INTO agents VALUES (1, 'Olga', '301'), (2, 'Ivan', '302');
INSERT INTO customers VALUES ('79161234567', 1), ('79169876543', 2), ('79160000009', NULL);
