#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace edustack::inline core {

// Content given in pieces instead of held whole (a stack's document written from its pieces:
// bench/README.md, issue 16). It calls sink with each chunk in order and stops when sink returns
// false; every call gives the same bytes.
using ContentSink = std::function<bool(std::string_view chunk)>;
using ContentWriter = std::function<void(const ContentSink& sink)>;

struct OutputFile {
  std::string relative_path;  // "manifest.json", "stacks/<stack>/main.tf.json", ...
  std::string content;
  ContentWriter writer;  // when set, the content (and `content` is not used)
};

// What a write (or a recovery) did besides failing.
struct OutputReport {
  std::vector<std::string> warnings;  // things kept on purpose (a stack directory with state)
  std::size_t written = 0;            // files renamed into place
  std::size_t unchanged = 0;          // files that already held these bytes (left alone)
  std::size_t removed = 0;            // files of an earlier synthesis removed
  bool recovered = false;             // a write killed earlier was completed or rolled back
};

// Default for how long a synthesis waits for another one writing the same directory.
inline constexpr std::chrono::milliseconds default_lock_timeout = std::chrono::seconds(30);

// Writes the output directory in place; it is edustack's only in part. The rules:
//  - outdir must be new, empty, or hold edustack's record (.edustack/) or a manifest.json
//    written by an older edustack; anything else is refused (IoError "io.output_not_owned")
//    and nothing is touched. A symbolic link as outdir is followed, never replaced.
//  - .edustack/lock is flock()ed for the whole write (waiting up to lock_timeout, then
//    IoError "io.output_locked" naming the holder's pid).
//  - Each new file is staged as a hidden temporary file in its final directory and fsynced;
//    then a journal of the renames and removals is written and fsynced (the commit point),
//    carried out, directories fsynced, the list of files edustack wrote (.edustack/record.json)
//    updated last, the journal removed. A journal left by a killed process is carried out
//    (rolled forward) and stray temporaries removed (rolled back) by the next write or by
//    recover_output_directory, under the lock.
//  - Only files listed in the previous record are ever removed: a file that is no longer
//    produced (a stack removed from the app), with its directory when that becomes empty; a
//    stack directory that still holds other files (terraform state) stays, and a warning says
//    so. Removal never follows a symbolic link nor descends into another file system.
//    Terraform's files (.terraform/, lock file, state, plans) are never opened, moved or removed.
//  - With keep_other_stacks (synthesis of some stacks only), the recorded files of the stacks
//    under stacks/ that are not in stack_directories are kept as they are.
// Throws IoError naming the path and the system's reason on failure; before the commit point
// the previous output is left as it was.
OutputReport write_output_directory(const std::filesystem::path& outdir,
                                    const std::vector<OutputFile>& files,
                                    const std::vector<std::string>& stack_directories,
                                    bool keep_other_stacks = false,
                                    std::chrono::milliseconds lock_timeout = default_lock_timeout);

// Takes the lock and finishes what a killed write left (rolls a committed journal forward,
// removes the temporaries of an uncommitted one). Does nothing to a directory that holds no
// .edustack/ record.
OutputReport recover_output_directory(
    const std::filesystem::path& outdir,
    std::chrono::milliseconds lock_timeout = default_lock_timeout);

}  // namespace edustack::inline core
