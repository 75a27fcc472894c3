-- Ordinary and partitioned tables of the schema (partitions are part of their parent),
-- without the tables an extension owns.
select c.relname::text as name,
       obj_description(c.oid, 'pg_class') as comment
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
 where n.nspname = $1
   and c.relkind in ('r', 'p')
   and not c.relispartition
   and not exists (select 1 from pg_depend d
                    where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
 order by c.relname
