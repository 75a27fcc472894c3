-- Every index key part of every table of the database, in key order. A functional key part
-- (MySQL 8.0.13+) has no COLUMN_NAME but an EXPRESSION. COLLATION 'D' is a descending part,
-- SUB_PART a prefix length; INDEX_TYPE is BTREE, HASH, FULLTEXT or SPATIAL.
select TABLE_NAME as table_name,
       INDEX_NAME as name,
       cast(NON_UNIQUE as signed) as non_unique,
       COLUMN_NAME as column_name,
       EXPRESSION as expression,
       COLLATION as collation,
       cast(SUB_PART as signed) as prefix,
       INDEX_TYPE as index_type
  from information_schema.STATISTICS
 where TABLE_SCHEMA = ?
 order by TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX
