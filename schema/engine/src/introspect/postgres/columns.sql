-- Live user columns of every table of the schema, in logical (attnum) order. `enum_name` is
-- the enum type behind the column (or behind its array element type), if any.
select c.relname::text as table_name,
       a.attname::text as name,
       format_type(a.atttypid, a.atttypmod) as type,
       coalesce(case when t.typtype = 'e' then t.typname end,
                case when et.typtype = 'e' then et.typname end)::text as enum_name,
       a.attnotnull as not_null,
       pg_get_expr(d.adbin, d.adrelid) as default_expr,
       a.attgenerated = 's' as generated,
       col_description(c.oid, a.attnum) as comment
  from pg_attribute a
  join pg_class c on c.oid = a.attrelid
  join pg_namespace n on n.oid = c.relnamespace
  join pg_type t on t.oid = a.atttypid
  left join pg_type et on et.oid = t.typelem and t.typcategory = 'A'
  left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
 where n.nspname = $1
   and c.relkind in ('r', 'p')
   and not c.relispartition
   and a.attnum > 0
   and not a.attisdropped
 order by c.relname, a.attnum
