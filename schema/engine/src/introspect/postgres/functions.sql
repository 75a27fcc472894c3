-- Plain functions (prokind 'f') of the schema that no extension owns. The IN arguments
-- (modes i, b, v; no modes means all IN) come as a JSON array of [name, type] pairs.
select p.proname::text as name,
       args.list::text as args,
       pg_get_function_result(p.oid) as returns,
       l.lanname::text as language,
       case p.provolatile when 'i' then 'IMMUTABLE' when 's' then 'STABLE' else 'VOLATILE' end
           as volatility,
       p.prosrc as body
  from pg_proc p
  join pg_namespace n on n.oid = p.pronamespace
  join pg_language l on l.oid = p.prolang
  cross join lateral (
      select coalesce(json_agg(json_build_array(coalesce(a.name, ''), format_type(a.type, null))
                               order by a.ord), '[]'::json) as list
        from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[]), p.proargmodes, p.proargnames)
             with ordinality as a(type, mode, name, ord)
       where coalesce(a.mode, 'i') in ('i', 'b', 'v')
  ) args
 where n.nspname = $1
   and p.prokind = 'f'
   and not exists (select 1 from pg_depend d
                    where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
 order by p.proname, pg_get_function_identity_arguments(p.oid)
