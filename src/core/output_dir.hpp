#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace edustack::inline core {

struct OutputFile {
  std::string relative_path;
  std::string content;
};

// Replaces outdir with a directory holding exactly these files, atomically: they are written
// to a temporary sibling that is swapped in with one rename. Files in the old stack directories
// that synthesis does not produce (Terraform's .terraform/, lock file, state, plans) are carried
// over into the stack directories that still exist. With keep_other_stacks (synthesis of some
// stacks only), the directories of the other stacks under stacks/ are carried over whole.
// Throws IoError naming the path on failure, leaving the previous outdir untouched.
void write_output_directory(const std::filesystem::path& outdir,
                            const std::vector<OutputFile>& files,
                            const std::vector<std::string>& stack_directories,
                            bool keep_other_stacks = false);

}  // namespace edustack::inline core
