-- Indexes that back no constraint (a PRIMARY KEY, UNIQUE or EXCLUDE constraint owns its
-- index; a foreign key only points at one, so it is not counted). Key parts come as a JSON
-- array in key order: the column name, or the expression text for attnum 0, and whether the
-- part sorts descending (indoption bit 0). INCLUDE columns are left out (not key parts).
select c.relname::text as table_name,
       ic.relname::text as name,
       i.indisunique as is_unique,
       am.amname::text as method,
       pg_get_expr(i.indpred, i.indrelid) as predicate,
       (select json_agg(json_build_object(
                   'column', a.attname::text,
                   'expr', case when k.attnum = 0
                                then pg_get_indexdef(i.indexrelid, k.ord::int, true) end,
                   'descending', coalesce(k.option & 1 = 1, false))
                order by k.ord)
          from unnest(i.indkey::int2[], i.indoption::int2[]) with ordinality as k(attnum, option, ord)
          left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
         where k.ord <= i.indnkeyatts)::text as parts
  from pg_index i
  join pg_class c on c.oid = i.indrelid
  join pg_class ic on ic.oid = i.indexrelid
  join pg_namespace n on n.oid = c.relnamespace
  join pg_am am on am.oid = ic.relam
 where n.nspname = $1
   and c.relkind in ('r', 'p')
   and not c.relispartition
   and not exists (select 1 from pg_constraint k
                    where k.conindid = i.indexrelid and k.conrelid = i.indrelid
                      and k.contype in ('p', 'u', 'x'))
 order by c.relname, ic.relname
