//! CHECK constraints, all tables in one query; MariaDB's JSON columns found among them.

use sea_orm::{ConnectionTrait, DbErr};

use super::catalog::Catalog;
use super::flavor::Flavor;
use crate::introspect::assemble::table_mut;
use crate::model::{Check, SqlType, Table};

const CHECKS_MARIADB_SQL: &str = include_str!("checks_mariadb.sql");
const CHECKS_MYSQL_SQL: &str = include_str!("checks_mysql.sql");

/// `add_checks` reads every CHECK of the database and attaches it to its table, with the
/// clause as the server reports it. MariaDB's `JSON` is an alias: a `longtext` column with a
/// `CHECK (json_valid(col))` it adds itself; such a column is `Json` and that CHECK is not
/// reported as a `Check`.
pub(super) async fn add_checks<C: ConnectionTrait>(
    catalog: &mut Catalog<'_, C>,
    flavor: Flavor,
    tables: &mut [Table],
) -> Result<(), DbErr> {
    let sql = match flavor {
        Flavor::MariaDb => CHECKS_MARIADB_SQL,
        Flavor::MySql => CHECKS_MYSQL_SQL,
    };
    for row in catalog.database_rows(sql).await? {
        let table_name: String = row.try_get("", "table_name")?;
        let Some(table) = table_mut(tables, &table_name) else {
            continue;
        };
        let clause: String = row.try_get("", "clause")?;
        if let Some(column) = json_valid_column(&clause)
            .and_then(|name| table.columns.iter_mut().find(|c| c.name == name))
            .filter(|c| c.ty == SqlType::Text)
        {
            column.ty = SqlType::Json;
            continue;
        }
        table.checks.push(Check {
            name: row.try_get("", "name")?,
            expr: clause.into(),
        });
    }
    Ok(())
}

/// `json_valid_column` is the column of a clause that is exactly ``json_valid(`col`)``
/// (a backtick in the name doubled), as MariaDB reports the CHECK of its JSON alias.
fn json_valid_column(clause: &str) -> Option<String> {
    let clause = clause.trim();
    let (function, rest) = clause.split_at_checked("json_valid(`".len())?;
    if !function.eq_ignore_ascii_case("json_valid(`") {
        return None;
    }
    let quoted = rest.strip_suffix("`)")?;
    let name = quoted.replace("``", "`");
    // A lone backtick left inside means the clause is more than one quoted name.
    (!quoted.replace("``", "").contains('`')).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::json_valid_column;

    #[test]
    fn only_a_bare_json_valid_of_one_column_is_the_alias() {
        assert_eq!(json_valid_column("json_valid(`j`)"), Some("j".into()));
        assert_eq!(json_valid_column("JSON_VALID(`a``b`)"), Some("a`b".into()));
        assert_eq!(json_valid_column("json_valid(`j`) and `k` > 0"), None);
        assert_eq!(
            json_valid_column("json_valid(`a`) or json_valid(`b`)"),
            None
        );
        assert_eq!(json_valid_column("`j` > 0"), None);
    }
}
