-- Columns of every table of the database in their order. COLUMN_DEFAULT and EXTRA mean
-- different things on MariaDB and MySQL (see defaults.rs); EXTRA also says AUTO_INCREMENT
-- and VIRTUAL / STORED GENERATED, whose expression is GENERATION_EXPRESSION. Views' columns
-- come too and are left out with their view.
select TABLE_NAME as table_name,
       COLUMN_NAME as name,
       DATA_TYPE as data_type,
       COLUMN_TYPE as column_type,
       IS_NULLABLE as is_nullable,
       COLUMN_DEFAULT as default_value,
       EXTRA as extra,
       GENERATION_EXPRESSION as generation_expression,
       COLUMN_COMMENT as comment
  from information_schema.COLUMNS
 where TABLE_SCHEMA = ?
 order by TABLE_NAME, ORDINAL_POSITION
