//! `organization`: the university, its departments (one ltree hierarchy) and the course
//! families of the first department.

use fake::Fake;
use fake::faker::address::en::{BuildingNumber, CityName, StateName, StreetName, ZipCode};
use fake::faker::phone_number::en::PhoneNumber;
use uuid::Uuid;

use super::rng::SeedRng;
use super::row::{Row, audited};

/// `UNIVERSITY` is the root label: the university's path is just this label.
const UNIVERSITY: &str = "university";

/// `DEPARTMENTS` is (ltree label, title) of the named departments, in order; the first three
/// are the ones spec §7 names for the default of four organizations. Labels use letters,
/// digits and `_` only: PostgreSQL 15's ltree rejects hyphens.
const DEPARTMENTS: [(&str, &str); 7] = [
    ("computer_science", "Computer Science"),
    ("information_systems", "Information Systems"),
    ("software_engineering", "Software Engineering"),
    ("data_science", "Data Science"),
    ("mathematics", "Mathematics"),
    ("electrical_engineering", "Electrical Engineering"),
    ("physics", "Physics"),
];

/// `FAMILIES` is (ltree label, title) of the course families; all belong to the first
/// department.
const FAMILIES: [(&str, &str); 4] = [
    ("programming_fundamentals", "Programming Fundamentals"),
    ("data_structures_algorithms", "Data Structures & Algorithms"),
    ("software_engineering", "Software Engineering"),
    ("machine_learning", "Machine Learning"),
];

/// `Organizations` holds the organization tree and the course families.
pub struct Organizations {
    pub organizations: Vec<Row>,
    pub families: Vec<Row>,
}

/// `Address` is the campus address the departments share with the university.
struct Address {
    postal_code: String,
    locality: String,
    region: String,
}

/// `Unit` is one node of the organization tree before it becomes a row.
struct Unit {
    path: String,
    title: String,
    parent: Option<String>,
}

/// `generate` creates the university and `count - 1` departments below it (`count` ≥ 2),
/// then the course families of the first department.
pub fn generate(rng: &mut SeedRng, count: usize, admin: Uuid) -> Organizations {
    let address = Address {
        postal_code: ZipCode().fake_with_rng(rng.rng()),
        locality: CityName().fake_with_rng(rng.rng()),
        region: StateName().fake_with_rng(rng.rng()),
    };
    let mut units = vec![Unit {
        path: UNIVERSITY.to_owned(),
        title: format!("University of {}", address.locality),
        parent: None,
    }];
    for index in 1..count {
        let (label, title) = department(index - 1);
        units.push(Unit {
            path: format!("{UNIVERSITY}.{label}"),
            title: format!("Department of {title}"),
            parent: Some(UNIVERSITY.to_owned()),
        });
    }
    let organizations: Vec<Row> = (units.into_iter().enumerate())
        .map(|(index, unit)| new_organization(rng, index, unit, &address, admin))
        .collect();
    let families = match organizations.get(1) {
        Some(department) => (FAMILIES.iter())
            .map(|family| new_family(rng, department, *family, admin))
            .collect(),
        None => Vec::new(),
    };
    Organizations {
        organizations,
        families,
    }
}

/// `department` is the label and title of the `index`-th department: the named ones first,
/// then `department_<n>` with a running counter, unique by construction (no named label
/// starts with `department_`).
fn department(index: usize) -> (String, String) {
    match DEPARTMENTS.get(index) {
        Some((label, title)) => ((*label).to_owned(), (*title).to_owned()),
        None => {
            let n = index - DEPARTMENTS.len() + 1;
            (format!("department_{n}"), format!("Department {n}"))
        }
    }
}

/// `new_organization` is an organization of type `organization`: the CHECKs demand a title
/// and no user. `parent_path` is filled in for SQLite; on PostgreSQL, where it is a
/// generated column, the value is dropped when the row is written.
fn new_organization(
    rng: &mut SeedRng,
    index: usize,
    unit: Unit,
    address: &Address,
    admin: Uuid,
) -> Row {
    // Host names and mailboxes take hyphens where ltree labels take underscores.
    let name = unit
        .path
        .rsplit('.')
        .next()
        .unwrap_or(UNIVERSITY)
        .replace('_', "-");
    let stamp = rng.stamp(0..3);
    let building: String = BuildingNumber().fake_with_rng(rng.rng());
    let street: String = StreetName().fake_with_rng(rng.rng());
    let id = rng.uuid();
    let description = rng.sentence(8..16);
    let telephone: String = PhoneNumber().fake_with_rng(rng.rng());
    audited(stamp, Some(admin))
        .with("id", id)
        .with("number", format!("O{:04}", 1000 + index))
        .with("description", description)
        .with("title", unit.title)
        .with("email", format!("office.{name}@university.test"))
        .with("telephone", telephone)
        .with("url", format!("https://www.university.test/{name}"))
        .with("postal_code", address.postal_code.clone())
        .with("street_address", format!("{building} {street}"))
        .with("locality", address.locality.clone())
        .with("region", address.region.clone())
        .with("country", "United States")
        .with("organization_type", "organization")
        .with("user_id", None::<Uuid>)
        .with("path", unit.path)
        .with("parent_path", unit.parent)
}

/// `new_family` is a course family below `department`; the fixed labels are distinct, so
/// `(organization_id, path)` is unique by construction.
fn new_family(
    rng: &mut SeedRng,
    department: &Row,
    (label, title): (&str, &str),
    admin: Uuid,
) -> Row {
    let stamp = rng.stamp(3..10);
    let path = department.text("path").unwrap_or(UNIVERSITY);
    audited(stamp, Some(admin))
        .with("id", rng.uuid())
        .with("title", title)
        .with("description", rng.sentence(8..16))
        .with("path", format!("{path}.{label}"))
        .with("organization_id", department.key("id"))
}
