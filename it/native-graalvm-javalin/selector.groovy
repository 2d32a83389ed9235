evaluate(new File(itSourceDirectory, 'real-graalvm-tier.groovy')).selected('native-graalvm-javalin')
