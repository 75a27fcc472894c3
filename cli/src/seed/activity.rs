//! `activity`: what course members say to each other: staff comments on students, message
//! threads, and read markers.

use chrono::TimeDelta;
use entity::course::course_member_comment;
use entity::message::{codeability_message, codeability_message_read};

use super::course::{Member, Roster};
use super::rng::SeedRng;

/// `Activity` holds the comments, the messages (parents before replies) and read markers.
#[derive(Default)]
pub struct Activity {
    pub comments: Vec<course_member_comment::Model>,
    pub messages: Vec<codeability_message::Model>,
    pub reads: Vec<codeability_message_read::Model>,
}

/// `Post` is a message before it becomes a row: its thread position and author.
struct Post<'a> {
    parent: Option<&'a codeability_message::Model>,
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
fn new_comment(rng: &mut SeedRng, roster: &Roster) -> Option<course_member_comment::Model> {
    if roster.staff.is_empty() || roster.students.is_empty() {
        return None;
    }
    let transmitter = *rng.pick(&roster.staff);
    let student = *rng.pick(&roster.students);
    let stamp = rng.stamp(40..200);
    Some(course_member_comment::Model {
        id: rng.uuid(),
        version: Some(0),
        created_at: stamp.created_at,
        updated_at: stamp.updated_at,
        created_by: Some(transmitter.user_id),
        updated_by: Some(transmitter.user_id),
        message: rng.sentence(6..18),
        transmitter_id: transmitter.id,
        course_member_id: student.id,
    })
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
fn reply(
    rng: &mut SeedRng,
    roster: &Roster,
    parent: &codeability_message::Model,
    everyone: &[Member],
) -> codeability_message::Model {
    let post = Post {
        parent: Some(parent),
        author: *rng.pick(everyone),
        title: String::new(),
    };
    new_message(rng, roster, post)
}

/// `new_message` turns a post into a row; replies are titled after the thread.
fn new_message(rng: &mut SeedRng, roster: &Roster, post: Post) -> codeability_message::Model {
    let (parent_id, level, title) = match post.parent {
        Some(parent) => (
            Some(parent.id),
            parent.level + 1,
            format!("Re: {}", thread_title(&parent.title)),
        ),
        None => (None, 0, post.title),
    };
    // A reply comes minutes to three days after what it answers.
    let created_at = match post.parent {
        Some(parent) => parent.created_at + TimeDelta::minutes(rng.range(10..4320) as i64),
        None => rng.at(40..200),
    };
    let paragraphs: Vec<String> = (0..rng.range(1..4)).map(|_| rng.sentence(8..20)).collect();
    codeability_message::Model {
        id: rng.uuid(),
        version: Some(0),
        created_at,
        updated_at: created_at,
        created_by: Some(post.author.user_id),
        updated_by: Some(post.author.user_id),
        properties: None,
        archived_at: None,
        course_id: roster.course_id,
        transmitter_course_member_id: post.author.id,
        parent_id,
        level,
        title,
        content: paragraphs.join("\n\n"),
    }
}

/// `thread_title` strips any `Re: ` prefixes, so replies to replies do not stack them.
fn thread_title(title: &str) -> &str {
    title.trim_start_matches("Re: ")
}

/// `add_reads` marks the message read by 1–8 distinct members: drawn without replacement,
/// so `(codeability_message_id, course_member_id)` is unique.
fn add_reads(
    rng: &mut SeedRng,
    activity: &mut Activity,
    message: &codeability_message::Model,
    everyone: &[Member],
) {
    let count = rng.range(1..everyone.len().min(8) + 1);
    for reader in rng.sample(everyone.len(), count) {
        let reader = everyone[reader];
        let read_at = rng.at(210..230);
        activity.reads.push(codeability_message_read::Model {
            id: rng.uuid(),
            version: Some(0),
            created_at: read_at,
            updated_at: read_at,
            created_by: Some(reader.user_id),
            updated_by: Some(reader.user_id),
            properties: None,
            codeability_message_id: message.id,
            course_member_id: reader.id,
        });
    }
}
