-- Enum types of the schema with their labels in sort order, as a JSON array of strings.
select t.typname::text as name,
       json_agg(e.enumlabel::text order by e.enumsortorder)::text as labels
  from pg_type t
  join pg_namespace n on n.oid = t.typnamespace
  join pg_enum e on e.enumtypid = t.oid
 where n.nspname = $1
   and t.typtype = 'e'
   and not exists (select 1 from pg_depend d
                    where d.classid = 'pg_type'::regclass and d.objid = t.oid and d.deptype = 'e')
 group by t.oid, t.typname
 order by t.typname
