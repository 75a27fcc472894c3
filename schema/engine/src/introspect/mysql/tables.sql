-- Tables of the database (MariaDB's system-versioned tables are tables too; views and
-- MariaDB's sequences are not), with their comments.
select TABLE_NAME as name,
       TABLE_COMMENT as comment
  from information_schema.TABLES
 where TABLE_SCHEMA = ?
   and TABLE_TYPE in ('BASE TABLE', 'SYSTEM VERSIONED')
 order by TABLE_NAME
