-- Free-standing sequences: those owned by a column (serial, identity: deptype 'a' / 'i')
-- belong to that column, those of an extension (deptype 'e') to the extension.
select c.relname::text as name,
       format_type(s.seqtypid, null) as data_type,
       s.seqstart as start,
       s.seqincrement as increment,
       s.seqmin as min_value,
       s.seqmax as max_value,
       s.seqcache as cache,
       s.seqcycle as cycle
  from pg_sequence s
  join pg_class c on c.oid = s.seqrelid
  join pg_namespace n on n.oid = c.relnamespace
 where n.nspname = $1
   and not exists (select 1 from pg_depend d
                    where d.classid = 'pg_class'::regclass and d.objid = c.oid
                      and d.deptype in ('a', 'i', 'e'))
 order by c.relname
