console.log('tasks ready');
