"""Runs a command on a pseudo-terminal (Python's pty module: Linux and macOS, no util-linux
`script`). The terminal's output goes to our stdout; our stdin is typed into the terminal, so a
test can answer prompts and press Ctrl-C (byte 0x03, which the terminal turns into SIGINT).
Exits with the command's exit code (128 + N when a signal N ended it)."""
import os
import pty
import select
import sys

pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])

stdin_fd = sys.stdin.fileno()
stdin_open = True
while True:
    watched = [fd] + ([stdin_fd] if stdin_open else [])
    ready, _, _ = select.select(watched, [], [], 0.1)
    if fd in ready:
        try:
            data = os.read(fd, 65536)
        except OSError:
            data = b""
        if not data:
            break
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    if stdin_open and stdin_fd in ready:
        data = os.read(stdin_fd, 1024)
        if data:
            os.write(fd, data)
        else:
            stdin_open = False

_, status = os.waitpid(pid, 0)
if os.WIFSIGNALED(status):
    sys.exit(128 + os.WTERMSIG(status))
sys.exit(os.WEXITSTATUS(status))
