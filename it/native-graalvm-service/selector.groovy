evaluate(new File(basedir, '../../../it/real-graalvm-tier.groovy').canonicalFile).selected('native-graalvm-service')
