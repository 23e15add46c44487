#include "output_dir.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

#include "edustack/error.hpp"

namespace edustack::inline core {

namespace fs = std::filesystem;

namespace {

IoError io_error(const fs::path& path, const std::string& what, const std::string& why) {
  return IoError("io.write_failed", "cannot " + what + " " + path.string() + ": " + why);
}

// Temporary directories of earlier runs that died: ".<name>.tmp-<pid>-..." with a dead pid.
void remove_stale_temporaries(const fs::path& parent, const std::string& prefix) {
  std::error_code ec;
  for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) == -1 && errno == ESRCH) {
      std::error_code ignored;
      fs::remove_all(it->path(), ignored);
    }
  }
}

void write_file(const fs::path& path, const std::string& content) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) throw io_error(path.parent_path(), "create directory", ec.message());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw io_error(path, "open", std::strerror(errno));
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.flush();
  if (!out) throw io_error(path, "write", std::strerror(errno));
}

bool exchange(const fs::path& a, const fs::path& b) {
#ifdef RENAME_EXCHANGE
  return ::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0;
#else
  (void)a;
  (void)b;
  errno = ENOSYS;
  return false;
#endif
}

}  // namespace

void write_output_directory(const fs::path& outdir, const std::vector<OutputFile>& files,
                            const std::vector<std::string>& stack_directories,
                            bool keep_other_stacks) {
  fs::path target = outdir.has_filename() ? outdir : outdir.parent_path();
  fs::path parent = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::string name = target.filename().string();
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) throw io_error(target, "create output directory", ec.message());
  if (fs::exists(target, ec) && !fs::is_directory(target, ec)) {
    throw io_error(target, "replace output directory", "it exists and is not a directory");
  }

  const std::string prefix = "." + name + ".tmp-";
  remove_stale_temporaries(parent, prefix);
  static int counter = 0;
  fs::path temporary =
      parent / (prefix + std::to_string(::getpid()) + "-" + std::to_string(++counter));
  fs::remove_all(temporary, ec);
  fs::create_directory(temporary, ec);
  if (ec) throw io_error(target, "create output directory", ec.message());

  try {
    for (const auto& file : files) write_file(temporary / file.relative_path, file.content);
  } catch (...) {
    fs::remove_all(temporary, ec);
    throw;
  }

  // Carry Terraform's working files over, remembering the moves to undo them on failure.
  std::vector<std::pair<fs::path, fs::path>> carried;
  bool had_previous = fs::is_directory(target, ec);
  if (had_previous) {
    for (const auto& stack_directory : stack_directories) {
      fs::path old_dir = target / stack_directory;
      fs::path new_dir = temporary / stack_directory;
      if (!fs::is_directory(old_dir, ec)) continue;
      for (fs::directory_iterator it(old_dir, ec), end; !ec && it != end; it.increment(ec)) {
        fs::path destination = new_dir / it->path().filename();
        // What synthesis produces is replaced, never carried: the document and the assets.
        if (fs::exists(destination) || it->path().filename() == "assets") continue;
        std::error_code moved;
        fs::rename(it->path(), destination, moved);
        if (!moved) carried.emplace_back(it->path(), destination);
      }
    }
    if (keep_other_stacks && fs::is_directory(target / "stacks", ec)) {
      fs::create_directories(temporary / "stacks", ec);
      for (fs::directory_iterator it(target / "stacks", ec), end; !ec && it != end;
           it.increment(ec)) {
        fs::path destination = temporary / "stacks" / it->path().filename();
        if (fs::exists(destination)) continue;  // a stack synthesized now
        std::error_code moved;
        fs::rename(it->path(), destination, moved);
        if (!moved) carried.emplace_back(it->path(), destination);
      }
    }
  }
  auto undo_carry = [&] {
    for (const auto& [from, to] : carried) {
      std::error_code ignored;
      fs::rename(to, from, ignored);
    }
  };

  if (had_previous) {
    if (!exchange(temporary, target)) {
      // No atomic exchange on this system: fall back to two renames.
      fs::path old = parent / (prefix + std::to_string(::getpid()) + "-old");
      fs::rename(target, old, ec);
      if (ec) {
        undo_carry();
        fs::remove_all(temporary, ec);
        throw io_error(target, "replace output directory", ec.message());
      }
      fs::rename(temporary, target, ec);
      if (ec) {
        fs::rename(old, target, ec);
        undo_carry();
        fs::remove_all(temporary, ec);
        throw io_error(target, "replace output directory", ec.message());
      }
      fs::remove_all(old, ec);
      return;
    }
    fs::remove_all(temporary, ec);  // it now holds the previous output
    return;
  }
  fs::rename(temporary, target, ec);
  if (ec) {
    fs::remove_all(temporary, ec);
    throw io_error(target, "create output directory", ec.message());
  }
}

}  // namespace edustack::inline core
