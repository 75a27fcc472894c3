//! Which CHECKs the migrations make on MySQL/MariaDB: the portable ones (`portable_check`),
//! but not over a column a foreign key's referential action writes, which the server refuses
//! (MySQL/MariaDB error 1901: such a column "cannot be used in the CHECK clause").

use super::spelling::plain_spelling;
use crate::backend::portable::portable_check;
use crate::model::{Check, FkAction, Table};
use crate::sql::lexer::tokenize;

/// `portable_there` is true for a portable CHECK, as the entities write it or as the server
/// reports it (`plain_spelling`); whether its table allows it is `made_on_mysql`'s question.
pub fn portable_there(check: &Check) -> bool {
    portable_check(&plain_spelling(check.expr.as_str()))
}

/// `made_on_mysql` is true for a CHECK of `table` a migration makes on MySQL/MariaDB.
pub fn made_on_mysql(check: &Check, table: &Table) -> bool {
    portable_there(check) && written_by_foreign_key(check, table).is_none()
}

/// `written_by_foreign_key` is a column of the CHECK that a foreign key of `table` changes
/// by a referential action (CASCADE, SET NULL, SET DEFAULT on delete or update).
pub fn written_by_foreign_key<'t>(check: &Check, table: &'t Table) -> Option<&'t str> {
    let expr = plain_spelling(check.expr.as_str());
    let used: Vec<String> = tokenize(&expr)
        .iter()
        .filter_map(|t| t.name().map(str::to_owned))
        .collect();
    let acts = |a: FkAction| {
        matches!(
            a,
            FkAction::Cascade | FkAction::SetNull | FkAction::SetDefault
        )
    };
    table
        .foreign_keys
        .iter()
        .filter(|fk| acts(fk.on_delete) || acts(fk.on_update))
        .flat_map(|fk| fk.columns.iter())
        .find(|c| used.iter().any(|u| u == *c))
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ForeignKey;

    fn table(on_update: FkAction) -> Table {
        Table {
            name: "item".into(),
            columns: vec![],
            primary_key: None,
            uniques: vec![],
            foreign_keys: vec![ForeignKey {
                name: "item_account_id_fkey".into(),
                columns: vec!["account_id".into()],
                ref_table: "account".into(),
                ref_columns: vec!["id".into()],
                on_delete: FkAction::NoAction,
                on_update,
            }],
            indexes: vec![],
            checks: vec![],
            comment: None,
            renamed_from: None,
        }
    }

    #[test]
    fn a_column_a_foreign_key_action_writes_has_no_check_there() {
        let check = Check {
            name: "item_account_id_check".into(),
            expr: "`account_id` >= 0".into(),
        };
        assert!(made_on_mysql(&check, &table(FkAction::NoAction)));
        assert!(made_on_mysql(&check, &table(FkAction::Restrict)));
        let cascading = table(FkAction::Cascade);
        assert!(!made_on_mysql(&check, &cascading));
        assert_eq!(
            written_by_foreign_key(&check, &cascading),
            Some("account_id")
        );
        assert!(portable_there(&check));
    }
}
