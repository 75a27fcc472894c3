//! `activity`: what course members say to each other: staff comments on students, message
//! threads, and read markers.

use chrono::TimeDelta;

use super::course::{Member, Roster};
use super::rng::SeedRng;
use super::row::{Row, audited};

/// `Activity` holds the comments, the messages (parents before replies) and read markers.
#[derive(Default)]
pub struct Activity {
    pub comments: Vec<Row>,
    pub messages: Vec<Row>,
    pub reads: Vec<Row>,
}

/// `Post` is a message before it becomes a row: its thread position and author.
struct Post<'a> {
    parent: Option<&'a Row>,
    author: Member,
    title: String,
}

/// `generate` adds, per course, 2–5 staff comments on students and 2–4 message threads.
pub fn generate(rng: &mut SeedRng, rosters: &[Roster]) -> Activity {
    let mut activity = Activity::default();
    for roster in rosters {
        let everyone: Vec<Member> = roster
            .staff
            .iter()
            .chain(&roster.students)
            .copied()
            .collect();
        for _ in 0..rng.range(2..6) {
            let comment = new_comment(rng, roster);
            activity.comments.extend(comment);
        }
        for _ in 0..rng.range(2..5) {
            add_thread(rng, &mut activity, roster, &everyone);
        }
    }
    activity
}

/// `new_comment` is a note of a staff member (lecturer, administrator or tutor) on a
/// student of the same course.
fn new_comment(rng: &mut SeedRng, roster: &Roster) -> Option<Row> {
    if roster.staff.is_empty() || roster.students.is_empty() {
        return None;
    }
    let transmitter = *rng.pick(&roster.staff);
    let student = *rng.pick(&roster.students);
    let stamp = rng.stamp(40..200);
    Some(
        audited(stamp, Some(transmitter.user_id))
            .with("id", rng.uuid())
            .with("message", rng.sentence(6..18))
            .with("transmitter_id", transmitter.id)
            .with("course_member_id", student.id),
    )
}

/// `add_thread` adds a top-level message (level 0), 0–3 replies to it (level 1), and now and
/// then a reply to a reply (level 2): `level` is always the parent's level plus one.
fn add_thread(rng: &mut SeedRng, activity: &mut Activity, roster: &Roster, everyone: &[Member]) {
    if everyone.is_empty() {
        return;
    }
    let root_post = Post {
        parent: None,
        author: *rng.pick(everyone),
        title: rng.words(3..7),
    };
    let root = new_message(rng, roster, root_post);
    let mut replies = Vec::new();
    for _ in 0..rng.range(0..4) {
        let answer = reply(rng, roster, &root, everyone);
        let nested = rng
            .chance(0.3)
            .then(|| reply(rng, roster, &answer, everyone));
        replies.push(answer);
        replies.extend(nested);
    }
    // Parents come before their replies, so the self-referencing FK holds row by row.
    let thread: Vec<_> = std::iter::once(root).chain(replies).collect();
    for message in &thread {
        add_reads(rng, activity, message, everyone);
    }
    activity.messages.extend(thread);
}

/// `reply` is a message of a random course member answering `parent`.
fn reply(rng: &mut SeedRng, roster: &Roster, parent: &Row, everyone: &[Member]) -> Row {
    let post = Post {
        parent: Some(parent),
        author: *rng.pick(everyone),
        title: String::new(),
    };
    new_message(rng, roster, post)
}

/// `new_message` turns a post into a row; replies are titled after the thread.
fn new_message(rng: &mut SeedRng, roster: &Roster, post: Post) -> Row {
    let (parent_id, level, title) = match post.parent {
        Some(parent) => (
            Some(parent.key("id")),
            parent.int("level").unwrap_or_default() + 1,
            format!(
                "Re: {}",
                thread_title(parent.text("title").unwrap_or_default())
            ),
        ),
        None => (None, 0, post.title),
    };
    // A reply comes minutes to three days after what it answers.
    let created_at = match post.parent.and_then(|parent| parent.at("created_at")) {
        Some(asked) => asked + TimeDelta::minutes(rng.range(10..4320) as i64),
        None => rng.at(40..200),
    };
    let paragraphs: Vec<String> = (0..rng.range(1..4)).map(|_| rng.sentence(8..20)).collect();
    let stamp = super::rng::Stamp {
        created_at,
        updated_at: created_at,
    };
    audited(stamp, Some(post.author.user_id))
        .with("id", rng.uuid())
        .with("course_id", roster.course_id)
        .with("transmitter_course_member_id", post.author.id)
        .with("parent_id", parent_id)
        .with("level", level as i32)
        .with("title", title)
        .with("content", paragraphs.join("\n\n"))
}

/// `thread_title` strips any `Re: ` prefixes, so replies to replies do not stack them.
fn thread_title(title: &str) -> &str {
    title.trim_start_matches("Re: ")
}

/// `add_reads` marks the message read by 1–8 distinct members: drawn without replacement,
/// so `(codeability_message_id, course_member_id)` is unique.
fn add_reads(rng: &mut SeedRng, activity: &mut Activity, message: &Row, everyone: &[Member]) {
    let count = rng.range(1..everyone.len().min(8) + 1);
    for reader in rng.sample(everyone.len(), count) {
        let reader = everyone[reader];
        let read_at = rng.at(210..230);
        let stamp = super::rng::Stamp {
            created_at: read_at,
            updated_at: read_at,
        };
        activity.reads.push(
            audited(stamp, Some(reader.user_id))
                .with("id", rng.uuid())
                .with("codeability_message_id", message.key("id"))
                .with("course_member_id", reader.id),
        );
    }
}
