//go:build !linux

package source

// remoteFS is only implemented on Linux, where inotify is used.
func remoteFS(dir string) string { return "" }
