# make dist names the git commit after the version: "roleaudit 0.1.0 (git 30899e4d6c58)"
s/^\(roleaudit [^ ]*\) (git [0-9a-f]*\(-dirty\)\{0,1\})$/\1/
