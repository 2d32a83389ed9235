// The same registry and settings as push-settings-auth, with the password in servers.xml replaced by wrong-password.
evaluate(new File(basedir.parentFile, 'push-settings-auth/prebuild.groovy'))
