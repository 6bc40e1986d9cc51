-- The shop database of this sample, for SQLite and PostgreSQL alike: the test cases load it,
-- and `sqlite3 data/shop.sqlite < samples/order-status/shop.sql` (or `psql -f samples/order-status/shop.sql`) makes one to try the sample with.
CREATE TABLE orders (id TEXT PRIMARY KEY, status TEXT NOT NULL, eta TEXT);
INSERT INTO orders VALUES
  ('12345', 'on its way', 'the fifth of June'),
  ('777', 'being packed', NULL);
