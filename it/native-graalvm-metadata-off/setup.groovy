evaluate(new File(basedir, '../../../it/real-graalvm-tier.groovy').canonicalFile).require()
true
