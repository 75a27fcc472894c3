-- Primary keys, UNIQUE constraints, foreign keys and CHECKs of every table of the schema.
-- Key columns come as JSON arrays in key order (conkey / confkey with ordinality).
select c.relname::text as table_name,
       k.conname::text as name,
       k.contype::text as kind,
       (select coalesce(json_agg(a.attname::text order by x.ord), '[]'::json)
          from unnest(k.conkey) with ordinality as x(attnum, ord)
          join pg_attribute a on a.attrelid = k.conrelid and a.attnum = x.attnum)::text as columns,
       rc.relname::text as ref_table,
       (select coalesce(json_agg(a.attname::text order by x.ord), '[]'::json)
          from unnest(k.confkey) with ordinality as x(attnum, ord)
          join pg_attribute a on a.attrelid = k.confrelid and a.attnum = x.attnum)::text
           as ref_columns,
       k.confdeltype::text as on_delete,
       k.confupdtype::text as on_update,
       pg_get_constraintdef(k.oid) as definition
  from pg_constraint k
  join pg_class c on c.oid = k.conrelid
  join pg_namespace n on n.oid = c.relnamespace
  left join pg_class rc on rc.oid = k.confrelid
 where n.nspname = $1
   and c.relkind in ('r', 'p')
   and not c.relispartition
   and k.contype in ('p', 'u', 'f', 'c')
 order by c.relname, k.conname
