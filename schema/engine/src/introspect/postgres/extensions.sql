-- Extensions are database-wide: every schema sees the same set. plpgsql is built in.
select e.extname::text as name
  from pg_extension e
 where e.extname <> 'plpgsql'
 order by e.extname
