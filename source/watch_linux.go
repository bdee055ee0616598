package source

import "syscall"

// remoteFS names the file system dir is on when it is one where inotify
// misses changes (those made by other machines, or by the far side of a
// FUSE or 9p mount), or returns "". The magic numbers are statfs(2)'s.
func remoteFS(dir string) string {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return ""
	}
	return remoteMagic[uint32(st.Type)] // Type is 32 or 64 bits wide, by architecture
}

var remoteMagic = map[uint32]string{
	0x6969:     "nfs",
	0x517b:     "smb",
	0xff534d42: "cifs",
	0xfe534d42: "smb2",
	0x65735546: "fuse",
	0x01021997: "9p",
	0x73757245: "coda",
	0x5346414f: "afs",
	0x6b414653: "afs",
	0x00c36400: "ceph",
	0x564c:     "ncpfs",
	0x786f4256: "vboxsf",
	0x0bd00bd0: "lustre",
	0x01161970: "gfs2",
	0x7461636f: "ocfs2",
}
