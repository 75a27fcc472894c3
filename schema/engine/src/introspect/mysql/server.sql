-- The connection's current database (NULL when none is selected) and the server's version,
-- which tells MariaDB from MySQL.
select database() as name, version() as version
